-- AlterTable
ALTER TABLE "Score" ADD COLUMN "completionTokens" INTEGER;
ALTER TABLE "Score" ADD COLUMN "costUsd" REAL;
ALTER TABLE "Score" ADD COLUMN "promptTokens" INTEGER;

