// `tsx --import ./test/helpers/watHooks.mjs …`: lets Node import src/**/*.wat as the build does.
import { register } from 'node:module';

register('./watLoader.mjs', import.meta.url);
