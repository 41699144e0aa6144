"""Rasa input channels of the assistant: the web chat page (``webchat``) and LINE (``line``)."""
