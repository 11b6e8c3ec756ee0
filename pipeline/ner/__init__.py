"""Stage 2, entities: the spaCy model's entities plus domain rules, decided in one component.

`component` holds the `film_entities` component, which gives every rule one `view.DocView` of
the Doc; `registry` declares every rule (name, labels, evidence strength, data); the rules written
as code are in `titles` (works) and `names` (people, organisations), over the token tests of
`common`; `decide` chooses among their candidates and `retype` overrules the model's label from
context.
"""
