-- The `responses` view measured at the build's pinned $now, as a temp table that shadows the view for this
-- connection: every page reads the same rows, and `overdue` means overdue at $now.
CREATE OR REPLACE TEMP TABLE responses AS SELECT * FROM responses_at($now);
