"""The work notebook (工作笔记): notes, todos, phrase templates (话术) and one search over them."""
