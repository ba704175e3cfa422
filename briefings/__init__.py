"""briefings: a static site generator for briefing dossiers."""
