"""A draft given back with 批注: Word comments where the findings are, a summary on the title, and the headings to
add where they belong; a Word file keeps every other part byte for byte, any other input becomes a new .docx."""
