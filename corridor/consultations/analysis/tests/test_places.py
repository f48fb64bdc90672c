from corridor.consultations.analysis.places import find_places, summarise


def names(text: str, *context: str) -> list[tuple[str, str, str]]:
    mentions = find_places([text, *context])[0]
    return [(text[m.start:m.end], m.place.name, m.place.country_code) for m in mentions]


def test_countries_in_english_french_spanish_and_arabic():
    assert names("Senegal, le Sénégal, el Senegal and السنغال") == [
        ("Senegal", "Senegal", "SN"), ("Sénégal", "Senegal", "SN"), ("Senegal", "Senegal", "SN"),
        ("السنغال", "Senegal", "SN")]
    assert [name for _text, name, _code in names("Maroc, Marruecos, Filipinas, Zimbabue, États-Unis")] == [
        "Morocco", "Morocco", "Philippines", "Zimbabwe", "United States"]
    assert names("Bolivia, Plurinational State of Bolivia and Côte d'Ivoire")[0][1:] == ("Bolivia", "BO")


def test_cities_with_their_country_and_coordinates():
    mentions = find_places(["A partnership between Munich and Harare, and Dakar."])[0]
    assert [(m.place.name, m.place.country_code, m.place.kind) for m in mentions] == [
        ("Munich", "DE", "city"), ("Harare", "ZW", "city"), ("Dakar", "SN", "city")]
    assert round(mentions[2].place.latitude) == 15 and round(mentions[2].place.longitude) == -17


def test_other_names_of_great_cities():
    assert [name for _t, name, _c in names("Tánger, Múnich y Roma; Tanger et Rome; وروما")] == [
        "Tangier", "Munich", "Rome", "Tangier", "Rome", "Rome"]


def test_a_small_town_counts_only_where_its_country_is_named_in_the_contribution():
    assert names("We opened an office in Bignona.") == []
    assert names("We opened an office in Bignona.", "Our partners are in Senegal.") == [
        ("Bignona", "Bignona", "SN")]
    assert names("À Bignona, au Sénégal, une initiative.") == [
        ("Bignona", "Bignona", "SN"), ("Sénégal", "Senegal", "SN")]


def test_the_country_named_decides_between_cities_of_the_same_name():
    assert names("Madrid")[0][2] == "ES"
    assert names("Madrid in Colombia")[0][2] == "CO"


def test_words_people_headings_and_lower_case_are_not_places():
    text = ("Nice words are not enough. Of course. Mobile teams visit. Split responsibilities remain. "
            "Reading the paper, nice ideas. I agree with Estrella Mai Dizon. THE ROME DECLARATION. rome, senegal.")
    assert names(text, "Spain, Kenya, Croatia, Turkey and France are named here.") == []


def test_summary_counts_mentions_and_contributions():
    first = find_places(["Louga and Dakar. Louga again."])[0]
    second = find_places(["Dakar"])[0]
    rows = summarise([("a", m) for m in first] + [("b", m) for m in second])
    assert [(row["name"], row["mentions"], row["contributions"]) for row in rows] == [
        ("Dakar", 2, ["a", "b"]), ("Louga", 2, ["a"])]
    assert rows[0]["kind"] == "city" and rows[0]["country_code"] == "SN" and rows[0]["key"].startswith("city:")
