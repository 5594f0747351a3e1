/**
 * serve-child.ts with every mongoose query bounded by a server-side maxTimeMS: the database stops
 * a query that runs past the bench's budget (FerretDB does not stop one whose client went away),
 * so a slow list costs the run the budget, not minutes of scanning behind the next measurement.
 */
import mongoose from 'mongoose';

mongoose.set('maxTimeMS', Number(process.env.BENCH_QUERY_BUDGET_MS ?? 15_000));
void import('./serve-child');
