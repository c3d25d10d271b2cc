/** The scorers feature's server entry: preparing and running a run's scorers. */
export { prepareScorers, runScorers, type PreparedScorer, type ScoreOutcome } from "../run-scorers";
