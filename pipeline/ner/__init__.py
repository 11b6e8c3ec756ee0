"""Stage 2, entities: the spaCy model's entities plus domain rules, decided in one component.

`component` builds the spaCy pipeline and holds the `film_entities` component; the rules are in
`titles` (works) and `names` (people, organisations), over the token tests of `common`;
`decide` chooses among their candidates and `retype` overrules the model's label from context.
"""
