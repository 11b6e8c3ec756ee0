"""Stage 2, entities: the spaCy model's entities plus domain rules, decided in one component.

`component` holds the `film_entities` component, which gives every rule one `view.DocView` of
the Doc; `registry` declares every rule (name, labels, evidence strength, data); the rules written
as code are in `titles` (works), `names` (people, organisations), `caps` (names in capitals that
are not titles) and `credits` (organisations named by a credit field), over the token tests of
`common`; `decide` chooses among their candidates and `retype` overrules the model's label from
context (with `festivals` and `festival_shapes`: a festival named by its town).
"""
