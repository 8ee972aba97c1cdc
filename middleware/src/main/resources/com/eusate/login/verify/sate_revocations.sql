-- Revocations shared by the nodes of a cluster (JdbcRevocationStore).
-- Portable SQL: tested on PostgreSQL and H2; works on MySQL, MariaDB, SQL Server and Oracle too.
-- kind 'jti': one token, id = its jti.  kind 'sub': every token of a customer, id = the subject,
-- issued at or before the Unix second `cutoff`.  A row may be deleted after `expires_at`.
CREATE TABLE sate_revocations (
    kind       CHAR(3)      NOT NULL,
    id         VARCHAR(512) NOT NULL,
    cutoff     BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL,
    PRIMARY KEY (kind, id)
);
