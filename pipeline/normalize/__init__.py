"""Stage 3, normalisation: the mentions of one document -> its entities with canonical names
(`entities`) and its dates as ISO values (`dates`)."""
