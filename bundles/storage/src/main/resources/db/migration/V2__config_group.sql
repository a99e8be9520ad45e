-- An optional group name a user files a forward under (listed under it instead of its context).
ALTER TABLE configs ADD COLUMN config_group TEXT;
