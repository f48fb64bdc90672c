"""Offline analysis of the answers to a consultation, for its consolidated report.

- `text`: passages of an answer and the word keys (stems) they are compared by;
- `lexicon`: migration and development concepts in English, French, Spanish and Arabic, the bridge
  between languages, tied to the directory's vocabularies;
- `themes`: passages clustered into themes across languages, named by keyphrases;
- `places`: countries and cities named, from an offline gazetteer;
- `practices`: candidate good practices (an actor doing something somewhere) and lessons learned.

Everything here works on plain data (texts and `text.Passage`), not on models, and gives the same
output for the same input."""
