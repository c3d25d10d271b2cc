/**
 * How many procedures our own batching clients (the dashboard's httpBatchLink)
 * put in one request. The server refuses batches larger than
 * TRIALRUN_MAX_BATCH_SIZE, which may not be set below this, so a client built
 * into the page can never send a batch the server refuses, whatever the
 * server's setting.
 */
export const CLIENT_BATCH_MAX_ITEMS = 10;
