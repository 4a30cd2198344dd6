-- 0012: services across cases, newest first (GET /api/v1/services): walked from the newest
-- by this index instead of sorting every service of the organisation.
CREATE INDEX services_delivered ON services(delivered_on, id);
