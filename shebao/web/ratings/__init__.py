"""The ratings app: 好差评 of finished cases, the follow-ups of 差评, and their figures."""
