-- Every smart process of a portal may get the tab: a list of 40 or more keys ("DYNAMIC_1032,…") outgrows
-- any fixed length, and a save that binds the tabs must never fail afterwards on storing their names.
alter table portal_settings alter column tab_entity_types type text;
