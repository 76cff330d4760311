-- Teacher accounts (issue 6): bcrypt password hashes, roles "teacher" or "admin,teacher".
CREATE TABLE teacher (
    id            BIGINT       NOT NULL PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL UNIQUE,
    password_hash VARCHAR(100) NOT NULL,
    roles         VARCHAR(64)  NOT NULL,
    display_name  VARCHAR(80)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE SEQUENCE teacher_seq START WITH 1 INCREMENT BY 50;
