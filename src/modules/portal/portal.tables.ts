/** Row types of the portal module's tables (migration 20261130140000_create-portal), added to the shared Database interface. */

export interface PortalChallengesTable {
  id: string;
  /** sha256 of `${id}:${answer}`; the plain answer is never stored. */
  answer_hash: string;
  created_at: string;
  expires_at: string;
  /** Set when the challenge was consumed or burnt by a wrong answer. */
  used_at: string | null;
}

export interface PortalSurveysTable {
  id: string;
  complaint_id: string;
  /** The complaint's handling round the answer belongs to (a re-handled complaint is surveyed again). */
  round: number;
  /** 'satisfied' | 'basically_satisfied' | 'dissatisfied' */
  satisfaction: string;
  comment: string | null;
  created_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    portal_challenges: PortalChallengesTable;
    portal_surveys: PortalSurveysTable;
  }
}
