"""What tests share: paths, builders of schema objects, fixtures, fake and recorded LLM servers."""
