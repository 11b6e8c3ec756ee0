"""Stage 1, text: raw text -> cleaned text aligned to the raw one (`align`, `clean`), and the
name keys every later stage compares names by (`fold`)."""
