-- Append the health-log rows of one source's run (DataFrame `new_fetches`).
INSERT INTO fetches BY NAME (SELECT * FROM new_fetches);
