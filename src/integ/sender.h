/*
 * sender: the background job that sends what Ardoise owes other systems:
 * xAPI statements to the learning-record store and LTI scores to the
 * platforms. Each goes through an outbox table, so nothing is lost while
 * a server is down; the job retries with backoff.
 */
#ifndef ARDOISE_INTEG_SENDER_H
#define ARDOISE_INTEG_SENDER_H

#define SENDER_POLL_SECONDS 1

/* Start the job on the server (call once, after background_init). Returns
 * 0 or -1. */
int integ_sender_start(void);

#endif
