"""好差评: the five levels, the indicators, a rating as typed, and the figures of many ratings."""
