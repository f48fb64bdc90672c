from corridor.consultations.analysis.text import Passage, analyser, split_passages, stopwords, word_count


def test_keys_are_accent_free_stems_shared_by_inflections():
    english, french, spanish = analyser("en"), analyser("fr"), analyser("es")
    assert english.keys("Investments and the investment") == ["invest", "invest"]
    assert french.keys("La réinsertion des migrants") == french.keys("reinsertion migrant")
    assert spanish.keys("las remesas, una remesa") == ["remes", "remes"]
    assert analyser("ar").keys("المهاجرون والمهاجرين") == analyser("ar").keys("مهاجر مهاجر")


def test_tokens_break_phrases_at_stop_words_numbers_and_punctuation_not_at_hyphens():
    tokens = analyser("en").tokens("Cross-border office, set up in 2012 for returnees.")
    assert tokens[:4] == [("cross", "Cross"), ("border", "border"), ("offic", "office"), (None, ", ")]
    assert [key for key, _word in tokens[4:]] == ["set", None, None, None, None, "returne"]


def test_stopwords_come_from_yake_plus_the_genre():
    assert {"the", "question", "thanks"} <= stopwords("en")
    assert {"les", "cordialement"} <= stopwords("fr")
    assert "para" in stopwords("es")


def test_passages_group_sentences_of_a_paragraph_and_point_back_into_the_text():
    first = "Short one. " * 3 + "This sentence brings the group over the minimum number of words it needs."
    second = "A new paragraph starts here and is long enough to stand alone as a passage of its own words."
    text = f"{first}\n\n{second}\n\nThanks."
    assert [text[start:end] for start, end in split_passages(text)] == [first, second, "Thanks."]


def test_a_short_last_sentence_joins_the_passage_before_it():
    text = "This first sentence of the paragraph is long enough, with more than twenty-five words in it, " \
           "to make a passage of its own in the report. Thanks."
    assert [text[start:end] for start, end in split_passages(text)] == [text]


def test_a_long_paragraph_is_cut_between_sentences():
    sentence = "Local authorities coordinate the reintegration of returning migrants with civil society groups."
    text = " ".join([sentence] * 12)
    spans = split_passages(text)
    assert len(spans) > 1
    assert all(word_count(text[start:end]) <= 80 for start, end in spans)
    assert all(text[start:end].endswith(".") for start, end in spans)


def test_passage_is_a_plain_value():
    passage = Passage("text", "en", "uuid", "person", 1, 0, 0, 4)
    assert passage == Passage("text", "en", "uuid", "person", 1, 0, 0, 4)
