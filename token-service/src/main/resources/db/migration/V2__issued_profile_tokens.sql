-- The profile tokens token-service issued, by id (jti): who may revoke one is its owner or an administrator
-- (DELETE /profile/token/{jti}); a jti not issued here can be revoked by an administrator, or by the token itself.
CREATE TABLE issued_profile_tokens (
    jti         varchar(64) PRIMARY KEY,
    profile     char(24)    NOT NULL,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX issued_profile_tokens_expiry ON issued_profile_tokens (expires_at);
