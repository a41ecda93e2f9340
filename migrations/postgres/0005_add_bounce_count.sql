-- Consecutive hard failures (permanent 5xx) of mail to a subscriber; at Delivery:BounceLimit they become 'bounced'.
ALTER TABLE subscribers ADD COLUMN hard_bounces BIGINT  NOT NULL DEFAULT 0;
