"""`lvcli browse`: an interactive explorer of the transcript, a Textual app over the same model, search and topics.

Only `lvcli browse` imports this package, so no other command pays for Textual.
"""
