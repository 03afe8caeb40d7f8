/** How long Pixii keeps a job and its signed image URLs after `completed_at`: 7 days, in milliseconds. */
export const retentionMs = 7 * 24 * 60 * 60 * 1000
