"""Appointments and the hall queue: schedules, slots, bookings, tickets, stored transactionally."""
