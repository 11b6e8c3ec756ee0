"""Stage 4, relations: cue phrases read over the parse (`cues`), where arguments stand (`args`),
the discourse that pronouns and "the film" refer to (`context`) and phrase shapes without a cue
word (`shapes`), each declared in `registry`."""
