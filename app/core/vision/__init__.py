"""What the vision-language model looks at, and how it is handed the pixels."""
