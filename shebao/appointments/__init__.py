"""Appointments and the hall queue, without storage: schedules and their slots on working days,
the booking rules as data, booking codes, ticket numbers and wait estimates.

The web's appointments app stores what these decide, inside its own transactions.
"""
