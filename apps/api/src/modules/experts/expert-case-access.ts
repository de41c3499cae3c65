/**
 * The cases an expert (by user id) may read, as a SQL condition on a case id expression: those
 * with one of their sessions that is not cancelled. The experts module answers it, so the case
 * scope needs to know nothing of expert profiles or sessions; it returns nothing once the session
 * is called off, since an expert only needs the case to prepare and report.
 */
export function expertWorksOnCase(caseId: string, params: unknown[], userId: string): string {
  params.push(userId);
  return `EXISTS (SELECT 1 FROM expert_session xs JOIN expert_profile xp ON xp.id = xs.expert_id
        WHERE xs.case_id = ${caseId} AND xs.status <> 'cancelled' AND xp.user_id = $${params.length})`;
}
