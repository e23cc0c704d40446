-- Empty the table `triage` (main, or the build's temp copy) before the file is loaded again.
DELETE FROM triage;
