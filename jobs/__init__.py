"""Scheduled work: reminder sweeps. APScheduler only wakes these up."""
