-- Partner indicators count the events of their scope's structures over a
-- period from the event log (src/eval/partner.c): this index gives them
-- those structures' events only, not every event of the period.
CREATE INDEX usage_event_structure ON usage_event(structure_id, at);
