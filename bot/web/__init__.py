"""The web desk: server-rendered pages over the same store and the same rules as the chat."""
