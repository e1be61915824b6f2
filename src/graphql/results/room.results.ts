import { Room } from '../../entities/room.entity';
import { RoomType } from '../../entities/room-type.entity';
import { createRoom, createRoomType, updateRoom, updateRoomType } from '../../services/room.service';
import { mutationResult, successOf } from './mutation-result';

export const CreateRoomTypeSuccess = successOf('CreateRoomTypeSuccess', 'roomType', RoomType);
export const UpdateRoomTypeSuccess = successOf('UpdateRoomTypeSuccess', 'roomType', RoomType);
export const CreateRoomSuccess = successOf('CreateRoomSuccess', 'room', Room);
export const UpdateRoomSuccess = successOf('UpdateRoomSuccess', 'room', Room);

export const CreateRoomTypeResult = mutationResult('CreateRoomType', CreateRoomTypeSuccess, createRoomType);
export const UpdateRoomTypeResult = mutationResult('UpdateRoomType', UpdateRoomTypeSuccess, updateRoomType);
export const CreateRoomResult = mutationResult('CreateRoom', CreateRoomSuccess, createRoom);
export const UpdateRoomResult = mutationResult('UpdateRoom', UpdateRoomSuccess, updateRoom);
