"""Working days in mainland China: dates people type, holiday files, the calendar, deadlines."""
