import { RateSeason } from '../../entities/rate-season.entity';
import { createRateSeason, updateRateSeason } from '../../services/rate-season.service';
import { mutationResult, successOf } from './mutation-result';

export const CreateRateSeasonSuccess = successOf('CreateRateSeasonSuccess', 'rateSeason', RateSeason);
export const UpdateRateSeasonSuccess = successOf('UpdateRateSeasonSuccess', 'rateSeason', RateSeason);

export const CreateRateSeasonResult = mutationResult('CreateRateSeason', CreateRateSeasonSuccess, createRateSeason);
export const UpdateRateSeasonResult = mutationResult('UpdateRateSeason', UpdateRateSeasonSuccess, updateRateSeason);
