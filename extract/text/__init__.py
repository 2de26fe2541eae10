"""Text tools for English news, one of each: sentences, numbers, dates, grounding of quotes, and
the vocabulary of casualty reporting and of attribution. Pure functions over strings."""
