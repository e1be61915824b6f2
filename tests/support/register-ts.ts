// MikroORM loads migrations with require(); compile those .ts files the same way the scripts do.
import 'reflect-metadata';
import '../../scripts/register-ts.cjs';
