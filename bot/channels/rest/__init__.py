"""REST channel: Rasa's ``rest`` channel with its requests checked (bot.channels.rest.channel.ProjectRestInput)."""
