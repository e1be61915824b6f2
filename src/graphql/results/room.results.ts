import { Room } from '../../entities/room.entity';
import { RoomType } from '../../entities/room-type.entity';
import { BusinessRuleError, NotFoundError } from '../../errors/graphql-error-types';
import { mutationResult, successOf } from './mutation-result';

export const CreateRoomTypeSuccess = successOf('CreateRoomTypeSuccess', 'roomType', RoomType);
export const UpdateRoomTypeSuccess = successOf('UpdateRoomTypeSuccess', 'roomType', RoomType);
export const CreateRoomSuccess = successOf('CreateRoomSuccess', 'room', Room);
export const UpdateRoomSuccess = successOf('UpdateRoomSuccess', 'room', Room);

export const CreateRoomTypeResult = mutationResult('CreateRoomType', CreateRoomTypeSuccess);
export const UpdateRoomTypeResult = mutationResult('UpdateRoomType', UpdateRoomTypeSuccess, [NotFoundError, BusinessRuleError]);
export const CreateRoomResult = mutationResult('CreateRoom', CreateRoomSuccess, [NotFoundError]);
export const UpdateRoomResult = mutationResult('UpdateRoom', UpdateRoomSuccess, [NotFoundError, BusinessRuleError]);
