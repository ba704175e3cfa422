"""Reading the language of the copy: Markdown, front matter and YAML, matching names and keywords,
routing paragraphs to topics, finding quotes and who said them, French typography.

It knows nothing of pages, files or builds: it imports only the modules at the top of the package
(`model`, `diagnostics`, `sources`, `limits`) and itself, never `stages/`, `incremental/`,
`preview/` or `commands/`.
"""
