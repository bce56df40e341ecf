export declare const node24: string;
export declare const bun: string;
export declare const deno: string;
