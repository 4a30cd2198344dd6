-- 0010: the dates of a person's legal status that drive a worker's reminders (issue 5): when
-- the present status was granted (kandas status is valid one year from it), and when an
-- asylum seeker's petition was filed (due within 5 calendar days of arrival).
ALTER TABLE persons ADD COLUMN legal_status_since TEXT;
ALTER TABLE persons ADD COLUMN asylum_petition_on TEXT;
