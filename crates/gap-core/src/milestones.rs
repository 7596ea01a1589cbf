//! Milestones along a learning path (SPEC 4): which catalog roles become job-ready, and when.
