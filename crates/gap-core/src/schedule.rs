//! Weekly schedules of a learning path (SPEC 4, "Schedule").
