"""nhacviec: reminders for a Vietnamese province's administrative-reform plan."""
